import { snippetParts } from "~/domain/snippet";

/** Where a search matched: a few words with the hits in <mark>, as text (React escapes it). */
export function SearchSnippet({ marked }: { marked: string }) {
  const parts = snippetParts(marked);
  return (
    <div className="search-snippet muted">
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </div>
  );
}
