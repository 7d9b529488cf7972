import { loadIgniteProtos } from '../../src/contract/load.js';

export interface FieldDescriptor {
  name: string;
  number: number;
  label: string;
  type: string;
  typeName: string;
}

interface MessageDescriptor {
  field: FieldDescriptor[];
}

const PACKAGE = 'dodil.ignite.v1';

/** The descriptor of a message of our contract, as proto-loader (and reflection) sees it. */
export function messageDescriptor(name: string): MessageDescriptor {
  const entry = loadIgniteProtos().packageDefinition[`${PACKAGE}.${name}`] as { type?: MessageDescriptor } | undefined;
  if (!entry?.type) throw new Error(`no message ${PACKAGE}.${name} in the contract`);
  return entry.type;
}

export function fieldsOf(name: string): Map<string, FieldDescriptor> {
  return new Map(messageDescriptor(name).field.map((f) => [f.name, f]));
}

/**
 * Lists every JSON key in `value` that the message `name` does not have, walking nested messages.
 * protobufjs silently drops unknown keys, so a wrong name would otherwise never be noticed.
 */
export function unknownFields(name: string, value: unknown, at = name): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: expected an object`];
  const fields = fieldsOf(name);
  const problems: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const field = fields.get(key);
    if (!field) {
      problems.push(`${at}.${key}`);
      continue;
    }
    if (field.type === 'TYPE_MESSAGE' && field.label !== 'LABEL_REPEATED')
      problems.push(...unknownFields(field.typeName, inner, `${at}.${key}`));
  }
  return problems;
}
