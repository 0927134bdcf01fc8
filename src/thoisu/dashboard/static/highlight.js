// An article's body with the evidence of an event marked in place.
//
// Every offset the API gives (sentences, triggers, entity mentions) points into the article's
// normalised text; the body is a list of paragraph spans in that text. Each evidence sentence
// becomes a <mark class="evidence">, and inside it the trigger and the actors' mentions become
// spans, so a reader sees the sentence where the article says it.

import { h } from "./dom.js";

// Non-overlapping spans, earliest first; on overlap the earlier (then longer) one wins.
function disjoint(spans) {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  let reach = -1;
  for (const span of sorted) {
    if (span.start >= reach && span.end > span.start) {
      kept.push(span);
      reach = span.end;
    }
  }
  return kept;
}

function within(text, start, end, inner) {
  // Text from start to end with the inner spans (already disjoint, inside the range) as elements.
  const parts = [];
  let cursor = start;
  for (const span of inner) {
    const from = Math.max(span.start, start);
    const to = Math.min(span.end, end);
    if (to <= from || from < cursor) continue;
    if (from > cursor) parts.push(text.slice(cursor, from));
    parts.push(h("span", { class: span.class, title: span.title }, text.slice(from, to)));
    cursor = to;
  }
  if (cursor < end) parts.push(text.slice(cursor, end));
  return parts;
}

// Entities of the article that name one side of the event inside the given sentence. For each
// side only the strongest kind of match is kept: the person's name, else the actor code (a
// ministry, a metonym such as "Bình Nhưỡng"), else a plain country name.
export function actorSpans(entities, mention, sentence) {
  const sides = [
    ["source", mention.source_actor_code, mention.source, mention.source_person],
    ["target", mention.target_actor_code, mention.target, mention.target_person],
  ];
  const spans = [];
  const inside = entities.filter(
    (entity) => entity.start >= sentence.sentence_start && entity.end <= sentence.sentence_end,
  );
  for (const [side, actor, country, person] of sides) {
    if (!country) continue;
    const tests = [
      (entity) => person && entity.type === "PER" && entity.canonical === person,
      (entity) => entity.actor && (entity.actor === actor || entity.actor === country),
      (entity) => entity.type === "GPE" && entity.country === country,
    ];
    for (const test of tests) {
      const found = inside.filter(test);
      if (found.length) {
        for (const entity of found) {
          spans.push({ start: entity.start, end: entity.end, class: `actor actor-${side}`, title: entity.canonical || entity.text });
        }
        break;
      }
    }
  }
  return spans;
}

// The body as <p> elements with evidence marked. `marks` are {sentence: Evidence, inner: [spans]}.
export function markedBody(text, paragraphs, marks) {
  const sentences = disjoint(
    marks.map((mark) => ({
      start: mark.sentence.sentence_start,
      end: mark.sentence.sentence_end,
      mark,
    })),
  );
  const blocks = [];
  for (const [pStart, pEnd] of paragraphs) {
    const children = [];
    let cursor = pStart;
    for (const sentence of sentences) {
      const from = Math.max(sentence.start, pStart);
      const to = Math.min(sentence.end, pEnd);
      if (to <= from || from < cursor) continue;
      if (from > cursor) children.push(text.slice(cursor, from));
      const inner = disjoint(sentence.mark.inner.filter((span) => span.start >= from && span.end <= to));
      children.push(
        h(
          "mark",
          {
            class: "evidence",
            "data-testid": "evidence",
            "data-trigger": sentence.mark.sentence.trigger,
            "data-sentence-start": sentence.start,
          },
          within(text, from, to, inner),
        ),
      );
      cursor = to;
    }
    if (cursor < pEnd) children.push(text.slice(cursor, pEnd));
    blocks.push(h("p", {}, children));
  }
  return blocks;
}
