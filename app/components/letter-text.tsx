import { letterTextBlocks } from "~/domain/text";

/**
 * A letter's text, its PDF line breaks reflowed so that it reads as paragraphs at any width
 * (`letterTextBlocks`); list items stay on lines of their own.
 */
export function LetterText({ text }: { text: string }) {
  return (
    <div className="body-text">
      {letterTextBlocks(text).map((block, i) => (
        <p key={i}>{block}</p>
      ))}
    </div>
  );
}
