import { Tag } from "~/components/ds";
import { statusColor, statusLabel, type StatusCode } from "~/domain/status";

export function StatusTag({ status }: { status: StatusCode }) {
  return (
    <Tag data-color={statusColor(status)} data-size="sm">
      {statusLabel(status)}
    </Tag>
  );
}
