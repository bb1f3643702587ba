/** Just enough of an input element for the masking checks, for unit tests. */
export function fakeInput(attributes: Record<string, string>, type = attributes.type ?? 'text'): HTMLElement {
  return {
    type,
    id: attributes.id ?? '',
    getAttribute: (name: string) => attributes[name] ?? null,
    hasAttribute: (name: string) => name in attributes,
  } as unknown as HTMLElement;
}
