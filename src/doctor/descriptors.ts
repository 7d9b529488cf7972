/**
 * A contract as a comparable index: every service with its methods and every message and enum with
 * its fields, by fully qualified name, read from FileDescriptorProtos. Our side comes from proto/
 * (through proto-loader, which produces the same descriptors the local Ignite serves by reflection);
 * the other side from a live service's reflection.
 */
import { createRequire } from 'node:module';

export interface FieldShape {
  name: string;
  number: number;
  /** e.g. "string", "repeated uint32", "map<string,string>", ".dodil.ignite.v1.AppMeta". */
  type: string;
}

export interface MethodShape {
  input: string;
  output: string;
  clientStreaming: boolean;
  serverStreaming: boolean;
}

export interface ContractIndex {
  services: Map<string, Map<string, MethodShape>>;
  messages: Map<string, Map<string, FieldShape>>;
  enums: Map<string, Map<string, number>>;
}

interface DescriptorType {
  decode(bytes: Uint8Array): unknown;
}
interface Descriptor {
  name?: string;
  package?: string;
  messageType?: MessageDescriptor[];
  enumType?: EnumDescriptor[];
  service?: Array<{
    name: string;
    method?: Array<{ name: string; inputType: string; outputType: string; clientStreaming?: boolean; serverStreaming?: boolean }>;
  }>;
}
interface MessageDescriptor {
  name: string;
  field?: Array<{ name: string; number: number; label?: number; type?: number; typeName?: string }>;
  nestedType?: MessageDescriptor[];
  enumType?: EnumDescriptor[];
  options?: { mapEntry?: boolean };
}
interface EnumDescriptor {
  name: string;
  value?: Array<{ name: string; number: number }>;
}

// protobufjs ships the descriptor types as CommonJS; proto-loader already depends on it.
const descriptor = createRequire(import.meta.url)('protobufjs/ext/descriptor') as { FileDescriptorProto: DescriptorType };

/** FieldDescriptorProto.Type numbers to proto names (descriptor.proto). */
const SCALARS: Readonly<Record<number, string>> = {
  1: 'double',
  2: 'float',
  3: 'int64',
  4: 'uint64',
  5: 'int32',
  6: 'fixed64',
  7: 'fixed32',
  8: 'bool',
  9: 'string',
  12: 'bytes',
  13: 'uint32',
  15: 'sfixed32',
  16: 'sfixed64',
  17: 'sint32',
  18: 'sint64',
};
const LABEL_REPEATED = 3;

export function emptyIndex(): ContractIndex {
  return { services: new Map(), messages: new Map(), enums: new Map() };
}

/** Adds every file (serialized FileDescriptorProto) to `index`; a file seen twice adds nothing new. */
export function addFiles(index: ContractIndex, files: readonly Uint8Array[]): void {
  for (const bytes of files) {
    const file = descriptor.FileDescriptorProto.decode(bytes) as Descriptor;
    const scope = file.package ? `.${file.package}` : '';
    for (const message of file.messageType ?? []) addMessage(index, scope, message);
    for (const en of file.enumType ?? []) addEnum(index, scope, en);
    for (const service of file.service ?? []) {
      const methods = new Map<string, MethodShape>();
      for (const method of service.method ?? []) {
        methods.set(method.name, {
          input: method.inputType,
          output: method.outputType,
          clientStreaming: method.clientStreaming ?? false,
          serverStreaming: method.serverStreaming ?? false,
        });
      }
      index.services.set(`${scope}.${service.name}`.replace(/^\./, ''), methods);
    }
  }
}

function addEnum(index: ContractIndex, scope: string, en: EnumDescriptor): void {
  index.enums.set(`${scope}.${en.name}`.replace(/^\./, ''), new Map((en.value ?? []).map((value) => [value.name, value.number])));
}

function addMessage(index: ContractIndex, scope: string, message: MessageDescriptor): void {
  const name = `${scope}.${message.name}`;
  const maps = new Map<string, MessageDescriptor>();
  for (const nested of message.nestedType ?? []) {
    if (nested.options?.mapEntry) maps.set(`${name}.${nested.name}`, nested);
    else addMessage(index, name, nested);
  }
  for (const en of message.enumType ?? []) addEnum(index, name, en);
  const fields = new Map<string, FieldShape>();
  for (const field of message.field ?? []) {
    fields.set(field.name, { name: field.name, number: field.number, type: typeOf(field, maps) });
  }
  index.messages.set(name.replace(/^\./, ''), fields);
}

function typeOf(field: { label?: number; type?: number; typeName?: string }, maps: Map<string, MessageDescriptor>): string {
  const entry = field.typeName ? maps.get(field.typeName) : undefined;
  if (entry) {
    const [key, value] = [entry.field?.find((f) => f.number === 1), entry.field?.find((f) => f.number === 2)];
    return `map<${key ? typeOf(key, maps) : '?'},${value ? typeOf(value, maps) : '?'}>`;
  }
  const base = field.typeName ? field.typeName.replace(/^\./, '') : (SCALARS[field.type ?? 0] ?? `type ${field.type}`);
  return field.label === LABEL_REPEATED ? `repeated ${base}` : base;
}
