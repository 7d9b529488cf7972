/**
 * A gRPC server reflection client (grpc.reflection.v1): the services a live server offers and the
 * descriptor files that define them, transitively. @grpc/reflection ships only the server side, so
 * the client is these few calls over its own reflection.proto.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

export interface ReflectedContract {
  services: string[];
  files: Uint8Array[];
}

interface ReflectionResponse {
  list_services_response?: { service: Array<{ name: string }> };
  file_descriptor_response?: { file_descriptor_proto: Buffer[] };
  error_response?: { error_code: number; error_message: string };
}

type ReflectionStream = grpc.ClientDuplexStream<Record<string, string>, ReflectionResponse>;

function reflectionClient(
  endpoint: string,
  credentials: grpc.ChannelCredentials,
): grpc.Client & { ServerReflectionInfo(metadata: grpc.Metadata, options: grpc.CallOptions): ReflectionStream } {
  const reflectionDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@grpc/reflection/package.json')), 'build', 'proto');
  const definition = protoLoader.loadSync('grpc/reflection/v1/reflection.proto', {
    includeDirs: [reflectionDir],
    keepCase: true,
    longs: String,
    defaults: true,
    oneofs: true,
  });
  const Service = (
    grpc.loadPackageDefinition(definition) as unknown as {
      grpc: { reflection: { v1: { ServerReflection: grpc.ServiceClientConstructor } } };
    }
  ).grpc.reflection.v1.ServerReflection;
  return new Service(endpoint, credentials) as never;
}

/**
 * Lists the server's services and fetches the files that define them (one request per symbol on
 * one stream, answered in order). Our own service names only: reflection itself and health
 * services of other packages are not part of the contract we compare.
 */
export async function reflectContract(options: {
  endpoint: string;
  credentials: grpc.ChannelCredentials;
  metadata: grpc.Metadata;
  deadlineMs: number;
  packagePrefix: string;
}): Promise<ReflectedContract> {
  const client = reflectionClient(options.endpoint, options.credentials);
  const call = client.ServerReflectionInfo(options.metadata, { deadline: new Date(Date.now() + options.deadlineMs) });
  const answers: ReflectionResponse[] = [];
  const waiting: Array<(response: ReflectionResponse) => void> = [];
  let failure: Error | undefined;
  const failed = new Promise<never>((_, reject) => {
    call.on('error', (err: Error) => {
      failure = err;
      reject(err);
    });
  });
  failed.catch(() => {});
  call.on('data', (response: ReflectionResponse) => {
    const next = waiting.shift();
    if (next) next(response);
    else answers.push(response);
  });
  const ask = (request: Record<string, string>): Promise<ReflectionResponse> => {
    if (failure) return Promise.reject(failure);
    call.write(request);
    const queued = answers.shift();
    return queued ? Promise.resolve(queued) : Promise.race([new Promise<ReflectionResponse>((resolve) => waiting.push(resolve)), failed]);
  };
  try {
    const listed = await ask({ list_services: '' });
    if (listed.error_response) throw new Error(`reflection refused to list services: ${listed.error_response.error_message}`);
    const services = (listed.list_services_response?.service ?? [])
      .map((service) => service.name)
      .filter((name) => name.startsWith(options.packagePrefix));
    const files = new Map<string, Uint8Array>();
    for (const service of services) {
      const answer = await ask({ file_containing_symbol: service });
      if (answer.error_response) throw new Error(`reflection has no descriptor for ${service}: ${answer.error_response.error_message}`);
      for (const bytes of answer.file_descriptor_response?.file_descriptor_proto ?? [])
        files.set(Buffer.from(bytes).toString('base64'), new Uint8Array(bytes));
    }
    return { services, files: [...files.values()] };
  } finally {
    call.end();
    client.close();
  }
}
