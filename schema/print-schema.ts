import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index';

export function printSchemaFile(): string {
  return `# Generated from the Pothos builder by \`npm run schema:print\`. Do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
