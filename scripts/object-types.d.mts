export const ROOT_MODELS: string[];
export const OUTPUT: string;
export function objectTypeTable(models: Record<string, unknown>, roots?: string[]): Map<string, Array<[string, string, string]>>;
export function renderObjectTypes(table: Map<string, Array<[string, string, string]>>, version: string): string;
export function installedObjectTypes(): Promise<string>;
