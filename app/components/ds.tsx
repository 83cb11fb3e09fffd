/**
 * Designsystemet (Digdir) components as thin local wrappers over `@digdir/designsystemet-css`.
 *
 * The markup (element, `ds-…` class, `data-…` attributes) is the same as
 * `@digdir/designsystemet-react` 1.22 renders for the props this app uses. That package is not
 * tree-shakeable by Remix's compiler (no `sideEffects` field, every component and ~960 icons end
 * up in one 1.5 MB chunk, and 76 MB of server memory), so we keep only the styling package and
 * these few lines. See docs/decisions/061-designsystemet-markup-not-react-package.md. Forms wire
 * label, description and error with explicit ids (app/components/form.tsx), so nothing here needs
 * Designsystemet's web components.
 */
import {
  Children,
  cloneElement,
  forwardRef,
  isValidElement,
  type ComponentPropsWithoutRef,
  type ReactElement,
  type ReactNode,
} from "react";

/** Joins class names, skipping empty ones. */
function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ");
}

type Size = "2xs" | "xs" | "sm" | "md" | "lg" | "xl" | "2xl";
type Color = "accent" | "neutral" | "brand1" | "brand2" | "brand3" | "success" | "warning" | "danger" | "info";

interface DsProps {
  "data-size"?: Size;
  "data-color"?: Color;
}

export const Heading = forwardRef<HTMLHeadingElement, ComponentPropsWithoutRef<"h2"> & DsProps & { level?: 1 | 2 | 3 | 4 | 5 | 6 }>(
  function Heading({ level = 2, className, ...rest }, ref) {
    const Tag = `h${level}` as const;
    return <Tag ref={ref} className={cx("ds-heading", className)} {...rest} />;
  },
);

export const Paragraph = forwardRef<HTMLParagraphElement, ComponentPropsWithoutRef<"p"> & DsProps & { variant?: "default" | "long" | "short" }>(
  function Paragraph({ className, variant, ...rest }, ref) {
    return <p ref={ref} className={cx("ds-paragraph", className)} data-variant={variant} {...rest} />;
  },
);

export const Alert = forwardRef<HTMLDivElement, ComponentPropsWithoutRef<"div"> & DsProps>(function Alert(
  { "data-color": color = "info", className, ...rest },
  ref,
) {
  return <div ref={ref} className={cx("ds-alert", className)} data-color={color} {...rest} />;
});

export const Button = forwardRef<
  HTMLButtonElement,
  ComponentPropsWithoutRef<"button"> & DsProps & { variant?: "primary" | "secondary" | "tertiary" }
>(function Button({ className, variant, type = "button", ...rest }, ref) {
  return <button ref={ref} type={type} className={cx("ds-button", className)} data-variant={variant} {...rest} />;
});

/**
 * A Designsystemet-styled link. `asChild` styles the single child element instead (e.g.
 * `<AppLink>`), as Designsystemet's own `asChild` does.
 */
export const Link = forwardRef<HTMLAnchorElement, ComponentPropsWithoutRef<"a"> & DsProps & { asChild?: boolean }>(function Link(
  { asChild, className, children, ...rest },
  ref,
) {
  if (asChild) {
    const child = Children.only(children) as ReactElement<{ className?: string }>;
    if (!isValidElement(child)) throw new Error("Link asChild expects one element");
    return cloneElement(child, { ...rest, ref, className: cx("ds-link", className, child.props.className) } as never);
  }
  return (
    <a ref={ref} className={cx("ds-link", className)} {...rest}>
      {children}
    </a>
  );
});

export const SkipLink = forwardRef<HTMLAnchorElement, ComponentPropsWithoutRef<"a">>(function SkipLink({ className, ...rest }, ref) {
  // Content and target come from the caller.
  // eslint-disable-next-line jsx-a11y/anchor-has-content
  return <a ref={ref} className={cx("ds-skip-link", className)} {...rest} />;
});

export const Tag = forwardRef<HTMLSpanElement, ComponentPropsWithoutRef<"span"> & DsProps & { variant?: "default" | "outline" }>(
  function Tag({ className, variant, ...rest }, ref) {
    return <span ref={ref} className={cx("ds-tag", className)} data-variant={variant} {...rest} />;
  },
);

export const Table = forwardRef<
  HTMLTableElement,
  Omit<ComponentPropsWithoutRef<"table">, "border"> & DsProps & { zebra?: boolean; border?: boolean; hover?: boolean; stickyHeader?: boolean }
>(function Table({ zebra, border, hover, stickyHeader, className, ...rest }, ref) {
  return (
    <table
      ref={ref}
      className={cx("ds-table", className)}
      data-border={border || undefined}
      data-hover={hover || undefined}
      data-sticky-header={stickyHeader || undefined}
      data-zebra={zebra || undefined}
      {...rest}
    />
  );
});

export const Label = forwardRef<HTMLLabelElement, ComponentPropsWithoutRef<"label"> & DsProps & { weight?: "regular" | "medium" | "semibold" }>(
  function Label({ className, weight, ...rest }, ref) {
    // The caller associates the label (htmlFor, or a wrapped control).
    // eslint-disable-next-line jsx-a11y/label-has-associated-control
    return <label ref={ref} className={cx("ds-label", className)} data-weight={weight} {...rest} />;
  },
);

export const ValidationMessage = forwardRef<HTMLParagraphElement, ComponentPropsWithoutRef<"p"> & DsProps>(function ValidationMessage(
  { className, ...rest },
  ref,
) {
  return <p ref={ref} className={cx("ds-validation-message", className)} data-field="validation" {...rest} />;
});

export const Input = forwardRef<HTMLInputElement, Omit<ComponentPropsWithoutRef<"input">, "size"> & DsProps>(function Input(
  { type = "text", className, ...rest },
  ref,
) {
  return <input ref={ref} type={type} className={cx("ds-input", className)} {...rest} />;
});

export const Textarea = forwardRef<HTMLTextAreaElement, ComponentPropsWithoutRef<"textarea"> & DsProps>(function Textarea(
  { className, ...rest },
  ref,
) {
  return <textarea ref={ref} className={cx("ds-input", className)} {...rest} />;
});

const SelectRoot = forwardRef<HTMLSelectElement, ComponentPropsWithoutRef<"select"> & DsProps>(function Select({ className, ...rest }, ref) {
  return <select ref={ref} className={cx("ds-input", className)} {...rest} />;
});
function SelectOption(props: ComponentPropsWithoutRef<"option">) {
  return <option {...props} />;
}
export const Select = Object.assign(SelectRoot, { Option: SelectOption });

/** The field wrapper: Designsystemet's CSS lays out `<ds-field>`'s children (label, input, message). */
export function Field({ className, position, children }: { className?: string; position?: "start" | "end"; children?: ReactNode }) {
  return (
    <ds-field class={cx("ds-field", className)} data-position={position}>
      {children}
    </ds-field>
  );
}

const FieldsetRoot = forwardRef<HTMLFieldSetElement, ComponentPropsWithoutRef<"fieldset">>(function Fieldset({ className, ...rest }, ref) {
  return <fieldset ref={ref} className={cx("ds-fieldset", className)} {...rest} />;
});
function FieldsetLegend({ className, ...rest }: ComponentPropsWithoutRef<"legend">) {
  return <legend className={cx("ds-label", className)} {...rest} />;
}
export const Fieldset = Object.assign(FieldsetRoot, { Legend: FieldsetLegend });

/** Error summary: a focusable group (the form focuses it when errors appear), named by its heading. */
const ErrorSummaryRoot = forwardRef<HTMLDivElement, ComponentPropsWithoutRef<"div">>(function ErrorSummary({ className, ...rest }, ref) {
  return <div ref={ref} role="group" tabIndex={-1} className={cx("ds-error-summary", className)} {...rest} />;
});
function ErrorSummaryList({ className, ...rest }: ComponentPropsWithoutRef<"ul">) {
  return <ul className={cx("ds-list", className)} {...rest} />;
}
function ErrorSummaryItem(props: ComponentPropsWithoutRef<"li">) {
  return <li {...props} />;
}
function ErrorSummaryLink(props: ComponentPropsWithoutRef<"a">) {
  return <Link data-color="neutral" {...props} />;
}
export const ErrorSummary = Object.assign(ErrorSummaryRoot, {
  Heading,
  List: ErrorSummaryList,
  Item: ErrorSummaryItem,
  Link: ErrorSummaryLink,
});

declare module "react" {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      "ds-field": { class?: string; "data-position"?: string; children?: ReactNode };
    }
  }
}
