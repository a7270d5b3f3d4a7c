/** The admin API's OpenAPI document, read from a freshly started server. */
export function fetchOpenApi(): Promise<unknown>;
/** The TypeScript module openapi-typescript makes of the document. */
export function renderSchema(document: unknown): Promise<string>;
