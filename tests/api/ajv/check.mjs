// Reads {keywordSchema, schemas: {id: schema}, instances: {id: [value]}, formats: [[format, value]]}
// on stdin; prints, as JSON, each schema's compile error (null when it compiles in Ajv 2020 strict
// mode), whether each instance is valid against its schema, and whether each value passes its format.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const TITLES = "x-asendusdoc-titles";

function newAjv(keywordSchema) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: TITLES, metaSchema: keywordSchema });
  return ajv;
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);
const result = { compiled: {}, instances: {}, formats: [] };
for (const [id, schema] of Object.entries(request.schemas)) {
  try {
    const validate = newAjv(request.keywordSchema).compile(schema);
    result.compiled[id] = null;
    result.instances[id] = (request.instances[id] ?? []).map((value) => validate(value));
  } catch (error) {
    result.compiled[id] = String(error.message);
  }
}
const ajv = newAjv(request.keywordSchema);
for (const [format, value] of request.formats) {
  result.formats.push(ajv.validate({ type: "string", format }, value));
}
process.stdout.write(JSON.stringify(result));
