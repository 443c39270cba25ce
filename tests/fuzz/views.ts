import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { type Json, valueAt } from './tree';

/**
 * How the fuzzer sees one source's raw data: as a tree to mutate (`decode`), the raw data of a mutated tree
 * (`encode`), and a zod schema that describes the tree, which tells required fields from optional ones and
 * fixed-field objects from id-keyed records. Most answers are JSON and mutated as they are; an answer that
 * carries another format inside (Salesforce's SOAP XML) is mutated in that format, where its structure is.
 */
/** How a format writes scalar values as text. */
export interface TextConventions {
  /** Words that mean true and false (lower case). */
  booleans: { true: readonly string[]; false: readonly string[] };
  /** The format sends an empty field as "": for a boolean, number or date that is a value of its own (false, not set). */
  emptyIsUnset: boolean;
}

export const plainText: TextConventions = { booleans: { true: ['true'], false: ['false'] }, emptyIsUnset: false };

export interface SourceView {
  name: string;
  decode(raw: Json): Json;
  encode(tree: Json): Json;
  shape: z.ZodType;
  /**
   * True when removing the object key at the end of `path` only removes list elements. In XML a list is its
   * repeated elements and an element holding nothing but a list is omitted when the list is empty, so removing
   * either is removing elements, which may legitimately fix a control (an offending entry removed).
   */
  removesOnlyElements(tree: Json, path: ReadonlyArray<string | number>): boolean;
  /** Names the format's parser refuses outright, so an extra field cannot have them. */
  refusedNames: ReadonlySet<string>;
  /** The format can carry values nested a thousand levels deep. */
  deepValues: boolean;
  text: TextConventions;
}

export function jsonView(shape: z.ZodType, text: TextConventions = plainText): SourceView {
  return { name: 'json', decode: (raw) => raw, encode: (tree) => tree, shape, removesOnlyElements: () => false, refusedNames: new Set(), deepValues: true, text };
}

export interface XmlViewOptions {
  /** Elements the connector always reads as lists. */
  listElements: ReadonlySet<string>;
  /** Element path, namespace prefixes included, from the document to the record the inner schema reads. */
  recordPath: readonly string[];
  /** The schema of that record, after the connector's XML reading. */
  record: z.ZodType;
}

/** A `{ xml }` answer seen as its XML document: elements are keys, repeated elements arrays, attributes `@_name`. */
export function xmlView(options: XmlViewOptions): SourceView {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name) => options.listElements.has(name),
  });
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: false, suppressEmptyNode: false });
  const shape = options.recordPath.reduceRight<z.ZodType>((inner, element) => z.looseObject({ [element]: inner }), options.record);
  const isList = (value: Json | undefined): boolean =>
    Array.isArray(value) ||
    (value !== null && typeof value === 'object' && Object.keys(value).length > 0 && Object.entries(value).every(([key, item]) => options.listElements.has(key) && isList(item)));
  return {
    name: 'xml',
    decode: (raw) => parser.parse((raw as { xml: string }).xml) as Json,
    // A document replaced by a scalar or a list is no XML document: its text is sent as it is.
    encode: (tree) => ({ xml: tree !== null && typeof tree === 'object' && !Array.isArray(tree) ? (builder.build(tree) as string) : JSON.stringify(tree) }),
    shape,
    removesOnlyElements: (tree, path) => isList(valueAt(tree, path)),
    // fast-xml-parser throws on these element names (its guard against prototype pollution): the source then fails closed.
    refusedNames: new Set(['__proto__', 'constructor', 'prototype']),
    // fast-xml-parser reads and writes at most 100 levels of elements.
    deepValues: false,
    text: plainText,
  };
}
