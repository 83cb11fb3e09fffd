/** PDFs for tests, made with pdf-lib. */
import { PDFDocument, StandardFonts } from "pdf-lib";

/** A PDF with `text` drawn line by line (Helvetica 7 pt, characters the font lacks as spaces), new pages as needed. */
export async function makePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const lines = text.split("\n");
  let pageRef = doc.addPage([595, 842]);
  let y = 810;
  for (const raw of lines) {
    const line = [...raw].map((ch) => {
      try {
        font.encodeText(ch);
        return ch;
      } catch {
        return " ";
      }
    }).join("");
    if (y < 30) {
      pageRef = doc.addPage([595, 842]);
      y = 810;
    }
    if (line.trim()) pageRef.drawText(line, { x: 30, y, size: 7, font });
    y -= 9;
  }
  return Buffer.from(await doc.save());
}
