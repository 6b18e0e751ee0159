// Prints shared/schema/json/content-schemas.ts (see its header for the command): the JSON Schemas
// the extension's content script checks with, generated from the zod schemas.
import { contentSchemasModule } from '../../shared/schema/json/sources';

console.log(contentSchemasModule());
