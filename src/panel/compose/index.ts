// Panel composer (pure logic): the protocol templates, and which one a connection's protocol (its decoder) offers.
import { graphqlTemplate } from './graphql';
import { jsonRpcTemplate } from './jsonrpc';
import { mqttTemplate } from './mqtt';
import { socketIoTemplate } from './socketio';
import { stompTemplate } from './stomp';
import type { Built, ConnectionFrames, FormValues, Template } from './types';

export type { Built, ComposerContent, ComposerFormat, ConnectionFrames, Field, FormValues, Template } from './types';

/** 'raw': the composer's own editor (text, JSON, hex, Base64); otherwise a template's id. */
export const RAW_MODE = 'raw';

export const TEMPLATES: readonly Template<any>[] = [socketIoTemplate, stompTemplate, jsonRpcTemplate, graphqlTemplate, mqttTemplate];

export const templateById = (id: string | undefined): Template<any> | undefined => TEMPLATES.find((t) => t.id === id);

/** The template for connections a decoder reads, if there is one. */
export const templateFor = (decoderId: string | undefined): Template<any> | undefined =>
  decoderId === undefined ? undefined : TEMPLATES.find((t) => t.decoders.includes(decoderId));

/** A template's frame for its values (defaults filled in) on a connection. */
export function buildWith(template: Template<any>, values: FormValues | undefined, c: ConnectionFrames): Built {
  return template.build({ ...template.defaults, ...values }, template.context(c));
}
