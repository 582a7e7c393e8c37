// Types for the parts of untyped client libraries the decoder tests use to make their frames.
declare module '@rails/actioncable' {
  export const INTERNAL: {
    message_types: { welcome: string; disconnect: string; ping: string; confirmation: string; rejection: string };
    protocols: string[];
  };
}
declare module 'phoenix' {
  export const Serializer: {
    encode(msg: { join_ref: string | null; ref: string | null; topic: string; event: string; payload: unknown }, callback: (encoded: string | ArrayBuffer) => void): void;
  };
}
