import { PersonDataView, Timeline, TimelineEntry } from './timeline-model';

/** How personal data reads in a replay: the fields, `[erased <date>]` or `[encrypted]`. */
export function personDataText(view: PersonDataView): string {
  switch (view.state) {
    case 'readable':
      return Object.entries(view.fields)
        .map(([key, value]) => `${key}=${value === null ? '' : String(value)}`)
        .join(', ');
    case 'erased':
      return `[erased ${view.erasedAt.slice(0, 10)}]`;
    case 'encrypted':
      return '[encrypted]';
    case 'unreadable':
      return `[unreadable: ${view.problem}]`;
  }
}

function entryLines(entry: TimelineEntry): string[] {
  const lines = [`${entry.time}  ${entry.name.padEnd(30)} ${entry.summary}${entry.actor ? `  — by ${entry.actor}` : ''}`];
  const add = (label: string, value: string) => lines.push(`    ${label}: ${value}`);
  if (entry.reasoning) add('why', entry.reasoning);
  for (const [label, value] of entry.details ?? []) add(label, value);
  if (entry.phaseChange) add('phase', `${entry.phaseChange.from ?? '(none)'} → ${entry.phaseChange.to}`);
  if (entry.disclosure) {
    const d = entry.disclosure;
    add('disclosed to', `${d.recipient}; legal basis ${d.legalBasis}; purpose ${d.purpose}; fields ${d.fields.join(', ') || '(none)'}`);
  }
  if (entry.access) add('read', `${entry.access.subject} by ${entry.access.actor} for "${entry.access.purpose}"; fields ${entry.access.fields.join(', ') || '(none)'}`);
  for (const person of entry.persons ?? []) add(`personal data ${person.personId}`, personDataText(person));
  if (entry.generic) add('type', `${entry.type} (no describer yet: shown as recorded)`);
  return lines;
}

/** Readable text: one line per event with indented details, then the summaries an auditor asks for. */
export function renderTimelineText(timeline: Timeline): string {
  const out: string[] = [];
  out.push(`Household ${timeline.householdId}: ${timeline.entries.length} events (replayed ${timeline.generatedAt} from ${timeline.log.records} records on the log)`);
  if (timeline.log.missingTopics.length > 0) out.push(`  topics not on the broker: ${timeline.log.missingTopics.join(', ')}`);
  out.push('');
  for (const entry of timeline.entries) out.push(...entryLines(entry));
  out.push('', 'Phases:');
  if (timeline.phases.length === 0) out.push('  (none)');
  for (const phase of timeline.phases) out.push(`  ${phase.at}  ${phase.from ?? '(none)'} → ${phase.to}${phase.actor ? ` by ${phase.actor}` : ''}${phase.reason ? `: ${phase.reason}` : ''}`);
  out.push('', 'Deadlines:');
  if (timeline.deadlines.length === 0) out.push('  (none)');
  for (const d of timeline.deadlines) {
    const outcome =
      d.outcome === 'met' ? `MET ${d.metAt ?? ''}` : d.outcome === 'breached' ? `BREACHED ${d.breachedAt ?? ''}` : d.outcome === 'superseded' ? `superseded ${d.supersededAt ?? ''} (not counted)` : 'open';
    out.push(`  ${d.clock.padEnd(24)}${d.personId ? ` person ${d.personId}` : ''} due ${d.dueAt ?? '?'}  ${outcome}${d.extensions > 0 ? ` (extended ${d.extensions}×)` : ''}  [${d.legalBasis ?? '?'}]`);
  }
  out.push('', 'Disclosures:');
  if (timeline.disclosures.length === 0) out.push('  (none)');
  for (const d of timeline.disclosures) out.push(`  ${d.at}  to ${d.recipient}; legal basis ${d.legalBasis}; purpose ${d.purpose}; fields ${d.fields.join(', ') || '(none)'}`);
  out.push('', 'Reads of the case:');
  if (timeline.reads.length === 0) out.push('  (none)');
  for (const r of timeline.reads) out.push(`  ${r.at}  ${r.actor} read ${r.subject} for "${r.purpose}"; fields ${r.fields.join(', ') || '(none)'}`);
  if (timeline.erasures.length > 0) {
    out.push('', 'Erasures:');
    for (const e of timeline.erasures) out.push(`  ${e.erasedAt}  person ${e.personId}${e.reason ? ` (${e.reason})` : ''}${e.actor ? ` by ${e.actor}` : ''}`);
  }
  if (timeline.problems.length > 0) {
    out.push('', 'Records that are not readable events:');
    for (const p of timeline.problems) out.push(`  ${p.topic}/${p.partition}@${p.offset}: ${p.problem}`);
  }
  return `${out.join('\n')}\n`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b}h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.time{white-space:nowrap;font-family:monospace}.type{font-weight:600}.details{margin:.2rem 0 0;padding-left:1rem;color:#444}
.breached{color:#a00;font-weight:600}.met{color:#060}.erased{color:#a00}.encrypted{color:#666;font-style:italic}.generic{color:#666}`;

/** One self-contained page (inline CSS, no scripts, no external assets); every value is escaped. */
export function renderTimelineHtml(timeline: Timeline): string {
  const e = escapeHtml;
  const person = (view: PersonDataView) => `<span class="${view.state}">${e(personDataText(view))}</span>`;
  const rows = timeline.entries
    .map((entry) => {
      const details: string[] = [];
      if (entry.reasoning) details.push(`<li>why: ${e(entry.reasoning)}</li>`);
      for (const [label, value] of entry.details ?? []) details.push(`<li>${e(label)}: ${e(value)}</li>`);
      if (entry.phaseChange) details.push(`<li>phase: ${e(entry.phaseChange.from ?? '(none)')} → ${e(entry.phaseChange.to)}</li>`);
      if (entry.disclosure) {
        const d = entry.disclosure;
        details.push(`<li>disclosed to ${e(d.recipient)}; legal basis ${e(d.legalBasis)}; purpose ${e(d.purpose)}; fields ${e(d.fields.join(', '))}</li>`);
      }
      if (entry.access) details.push(`<li>read ${e(entry.access.subject)} by ${e(entry.access.actor)} for “${e(entry.access.purpose)}”; fields ${e(entry.access.fields.join(', '))}</li>`);
      for (const view of entry.persons ?? []) details.push(`<li>personal data ${e(view.personId)}: ${person(view)}</li>`);
      if (entry.generic) details.push(`<li class="generic">${e(entry.type)} (no describer yet)</li>`);
      const cls = entry.deadline?.status === 'breached' ? ' class="breached"' : entry.deadline?.status === 'met' ? ' class="met"' : '';
      return `<tr><td class="time">${e(entry.time)}</td><td class="type">${e(entry.name)}</td><td${cls}>${e(entry.summary)}<ul class="details">${details.join('')}</ul></td><td>${e(entry.actor ?? '')}</td></tr>`;
    })
    .join('\n');
  const table = (headers: string[], body: string[][]) =>
    body.length === 0
      ? '<p>(none)</p>'
      : `<table><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr>${body.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('')}</table>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Household ${e(timeline.householdId)}: replay</title><style>${CSS}</style></head>
<body>
<h1>Household ${e(timeline.householdId)}</h1>
<p>${timeline.entries.length} events, replayed ${e(timeline.generatedAt)} from ${timeline.log.records} records on the log.</p>
<h2>Events</h2>
<table><tr><th>time</th><th>event</th><th>what, why</th><th>by</th></tr>
${rows}
</table>
<h2>Phases</h2>
${table(['at', 'from', 'to', 'by', 'reason'], timeline.phases.map((p) => [p.at, p.from ?? '(none)', p.to, p.actor ?? '', p.reason ?? '']))}
<h2>Deadlines</h2>
${table(['clock', 'person', 'legal basis', 'due', 'outcome', 'at', 'extensions'], timeline.deadlines.map((d) => [d.clock, d.personId ?? '', d.legalBasis ?? '', d.dueAt ?? '', d.outcome, d.metAt ?? d.breachedAt ?? d.supersededAt ?? '', String(d.extensions)]))}
<h2>Disclosures</h2>
${table(['at', 'recipient', 'legal basis', 'purpose', 'fields'], timeline.disclosures.map((d) => [d.at, d.recipient, d.legalBasis, d.purpose, d.fields.join(', ')]))}
<h2>Reads of the case</h2>
${table(['at', 'who', 'what', 'purpose', 'fields'], timeline.reads.map((r) => [r.at, r.actor, r.subject, r.purpose, r.fields.join(', ')]))}
<h2>Erasures</h2>
${table(['at', 'person', 'reason', 'by'], timeline.erasures.map((x) => [x.erasedAt, x.personId, x.reason ?? '', x.actor ?? '']))}
</body></html>
`;
}
