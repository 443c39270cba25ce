import { XMLParser } from 'fast-xml-parser';
import { escapeXml } from '../shared/http';
import type { SalesforceFault } from './faults';
import type { XmlValue } from './seed';
import type { OrgState } from './state';

/** Metadata SOAP API: readMetadata of SecuritySettings/Security, ConnectedAppSettings/ConnectedApp and ConnectedApp/<API name>. */
const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false });
const envelopeOpen =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">';

export interface SoapAnswer {
  status: number;
  xml: string;
  headers?: Record<string, string>;
}

export function soapFault(code: string, message: string, status = 500): SoapAnswer {
  return {
    status,
    xml:
      '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="http://soap.sforce.com/2006/04/metadata"><soapenv:Body><soapenv:Fault>' +
      `<faultcode>sf:${code}</faultcode><faultstring>${escapeXml(`${code}: ${message}`)}</faultstring>` +
      '</soapenv:Fault></soapenv:Body></soapenv:Envelope>',
  };
}

export const invalidSessionFault = () =>
  soapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session. Session not found, missing session hash');

/** SOAP answer of a fault, or undefined for faults that alter a successful answer. */
export function soapFaultFor(fault: SalesforceFault): SoapAnswer | undefined {
  switch (fault.kind) {
    case 'invalid_session':
      return invalidSessionFault();
    case 'api_disabled':
      return soapFault('API_DISABLED_FOR_ORG', 'API is not enabled for this Organization or Partner');
    case 'request_limit_exceeded':
      return soapFault('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    case 'forbidden':
      return soapFault('INSUFFICIENT_ACCESS', 'insufficient access rights on object id');
    case 'http_429':
    case 'rate_limited':
      return { ...soapFault('REQUEST_LIMIT_EXCEEDED', 'Too many requests.', 429), headers: { 'Retry-After': String(fault.retryAfterSeconds ?? 1) } };
    case 'server_error':
      return fault.status === 503 ? soapFault('SERVER_UNAVAILABLE', 'Server temporarily unavailable.', 503) : soapFault('UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: 1393876721-45013 (1930131377)');
    default:
      return undefined;
  }
}

export interface ParsedSoap {
  sessionId?: string;
  operation?: string;
  type?: string;
  fullNames: string[];
}

export function parseSoapRequest(xml: string): ParsedSoap | undefined {
  let document: Record<string, unknown>;
  try {
    document = parser.parse(xml) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const envelope = document.Envelope as Record<string, unknown> | undefined;
  if (!envelope) return undefined;
  const header = envelope.Header as Record<string, unknown> | undefined;
  const sessionHeader = header?.SessionHeader as Record<string, unknown> | undefined;
  const body = (envelope.Body ?? {}) as Record<string, unknown>;
  const operation = Object.keys(body)[0];
  const call = (operation ? body[operation] : undefined) as Record<string, unknown> | undefined;
  const fullNames = call?.fullNames;
  return {
    sessionId: typeof sessionHeader?.sessionId === 'string' ? sessionHeader.sessionId : undefined,
    operation,
    type: typeof call?.type === 'string' ? call.type : undefined,
    fullNames: (Array.isArray(fullNames) ? fullNames : fullNames === undefined ? [] : [fullNames]).map(String),
  };
}

/** Metadata XML of a value: keys sorted as the Metadata API sorts them, arrays repeated. */
function toXml(name: string, value: XmlValue | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => toXml(name, item)).join('');
  if (typeof value === 'object') {
    const inner = Object.keys(value)
      .sort()
      .map((key) => toXml(key, value[key]))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return value === '' ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

function metadataRecord(org: OrgState, type: string, fullName: string): string | undefined {
  if (type === 'SecuritySettings' && (fullName === 'Security' || fullName === '*')) {
    const settings = org.seed.securitySettings as Record<string, XmlValue | undefined>;
    const body = Object.keys(settings).sort().map((key) => toXml(key, settings[key])).join('');
    return `<records xsi:type="SecuritySettings"><fullName>Security</fullName>${body}</records>`;
  }
  if (type === 'ConnectedAppSettings' && (fullName === 'ConnectedApp' || fullName === '*')) {
    const settings = org.seed.connectedAppSettings;
    const body = Object.keys(settings).sort().map((key) => toXml(key, settings[key])).join('');
    return `<records xsi:type="ConnectedAppSettings"><fullName>ConnectedApp</fullName>${body}</records>`;
  }
  const app = type === 'ConnectedApp' ? org.seed.connectedAppMetadata?.[fullName] : undefined;
  if (app) {
    const body = Object.keys(app).sort().map((key) => toXml(key, app[key])).join('');
    return `<records xsi:type="ConnectedApp"><fullName>${escapeXml(fullName)}</fullName>${body}</records>`;
  }
  return undefined;
}

const knownTypes = new Set(['SecuritySettings', 'ConnectedAppSettings', 'ConnectedApp']);

/** Answers a parsed, authenticated SOAP request. */
export function handleSoap(org: OrgState, request: ParsedSoap): SoapAnswer {
  if (request.operation !== 'readMetadata') {
    return soapFault('INVALID_OPERATION', `The emulated org answers readMetadata only, not ${request.operation ?? 'an empty body'}`);
  }
  if (!request.type || !knownTypes.has(request.type)) {
    return soapFault('INVALID_TYPE', `Unknown type name '${request.type ?? ''}' specified in Metadata API`);
  }
  if (request.fullNames.length > 10) return soapFault('INVALID_CROSS_REFERENCE_KEY', 'Too many full names: the limit is 10');
  const records = request.fullNames
    .map((fullName) => metadataRecord(org, request.type as string, fullName) ?? '<records xsi:nil="true"/>')
    .join('');
  return {
    status: 200,
    xml: `${envelopeOpen}<soapenv:Body><readMetadataResponse><result>${records}</result></readMetadataResponse></soapenv:Body></soapenv:Envelope>`,
  };
}
