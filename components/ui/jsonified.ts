/** `T` as it arrives from `JSON.parse` of the API's answer: dates become ISO strings. */
export type Jsonified<T> = T extends Date ? string : T extends (infer U)[] ? Jsonified<U>[] : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;

/** A server value as the browser would receive it from the API, for a client component's initial data. */
export const jsonified = <T,>(value: T): Jsonified<T> => JSON.parse(JSON.stringify(value));
