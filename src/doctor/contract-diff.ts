/**
 * How a live service's contract differs from proto/: what we call that it lacks, fields whose
 * number or type differ (a renamed field shows as its number under another name), and whether each
 * difference touches an item we designed ourselves or one the docs give.
 */
import type { ContractIndex, FieldShape } from './descriptors.js';

export type DifferenceKind =
  | 'missing-service'
  | 'missing-rpc'
  | 'rpc-shape'
  | 'missing-message'
  | 'missing-field'
  | 'renamed-field'
  | 'field-number'
  | 'field-type'
  | 'missing-enum-value'
  | 'enum-value-number'
  | 'extra-rpc'
  | 'extra-field';

export interface ContractDifference {
  kind: DifferenceKind;
  /** The item, fully qualified: `dodil.ignite.v1.AppMeta.ports`. */
  item: string;
  ours: string | null;
  theirs: string | null;
  /** Marked "not in the public docs: our design" in proto/: the live service is the authority. */
  designed: boolean;
  /** Extras are what the live service has beyond what we declare; calls still work. */
  severity: 'problem' | 'info';
}

export function diffContracts(ours: ContractIndex, theirs: ContractIndex, designed: ReadonlySet<string>): ContractDifference[] {
  const out: ContractDifference[] = [];
  const add = (kind: DifferenceKind, item: string, mine: string | null, live: string | null, severity: 'problem' | 'info' = 'problem') =>
    out.push({ kind, item, ours: mine, theirs: live, designed: designed.has(item), severity });

  for (const [service, methods] of ours.services) {
    const live = theirs.services.get(service);
    if (!live) {
      add('missing-service', service, 'declared', null);
      continue;
    }
    for (const [name, shape] of methods) {
      const other = live.get(name);
      const describe = (m: typeof shape) =>
        `${m.clientStreaming ? 'stream ' : ''}${m.input.replace(/^\./, '')} -> ${m.serverStreaming ? 'stream ' : ''}${m.output.replace(/^\./, '')}`;
      if (!other) add('missing-rpc', `${service}.${name}`, describe(shape), null);
      else if (describe(other) !== describe(shape)) add('rpc-shape', `${service}.${name}`, describe(shape), describe(other));
    }
    for (const name of live.keys()) if (!methods.has(name)) add('extra-rpc', `${service}.${name}`, null, 'offered', 'info');
  }

  for (const [message, fields] of ours.messages) {
    const live = theirs.messages.get(message);
    if (!live) {
      add('missing-message', message, 'declared', null);
      continue;
    }
    const liveByNumber = new Map<number, FieldShape>([...live.values()].map((field) => [field.number, field]));
    for (const field of fields.values()) {
      const item = `${message}.${field.name}`;
      const other = live.get(field.name);
      if (!other) {
        const sameNumber = liveByNumber.get(field.number);
        if (sameNumber) add('renamed-field', item, `${field.name} = ${field.number}`, `${sameNumber.name} = ${sameNumber.number}`);
        else add('missing-field', item, `${field.type} ${field.name} = ${field.number}`, null);
        continue;
      }
      if (other.number !== field.number) add('field-number', item, String(field.number), String(other.number));
      if (other.type !== field.type) add('field-type', item, field.type, other.type);
    }
    for (const field of live.values()) {
      if (!fields.has(field.name) && ![...fields.values()].some((mine) => mine.number === field.number)) {
        add('extra-field', `${message}.${field.name}`, null, `${field.type} ${field.name} = ${field.number}`, 'info');
      }
    }
  }

  for (const [en, values] of ours.enums) {
    const live = theirs.enums.get(en);
    if (!live) continue;
    for (const [name, number] of values) {
      const other = live.get(name);
      if (other === undefined) add('missing-enum-value', `${en}.${name}`, String(number), null);
      else if (other !== number) add('enum-value-number', `${en}.${name}`, String(number), String(other));
    }
  }
  return out;
}
