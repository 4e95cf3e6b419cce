/**
 * The OpenAPI 3.1 document of the REST API, generated from the zod schemas of `API_OPERATIONS` with
 * `z.toJSONSchema` (JSON Schema 2020-12, which OpenAPI 3.1 uses as is). Every answer is wrapped in the
 * envelope `{ status, timestamp, data, message }`; every operation needs a bearer token.
 */
import { z } from "zod";
import { RunSpecSchema } from "../../core/run-spec.ts";
import { API_OPERATIONS, type ApiOperation } from "./api-operations.ts";
import { ErrorData, SavedMappingRunBody, StartFields } from "./api-schemas.ts";
import { PreparationRunBody } from "./preparation-schemas.ts";

type Json = Record<string, unknown>;

export function openApiDocument(baseUrl: string, version: string): Json {
  const paths: Record<string, Json> = {};
  for (const op of API_OPERATIONS) {
    paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: operation(op) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "MMM Trainer API",
      version,
      description:
        "Train marketing-mix models (Meta Robyn's method), follow runs, read their Pareto models and the best model picked per country. Tokens are issued by admins on /admin/tokens (or set in MMM_API_TOKENS). Every POST, PUT and DELETE takes Content-Type: application/json (send {} when there is nothing to say) except the dataset upload, which takes multipart/form-data; a write that carries an Origin header must come from this site.",
    },
    servers: [{ url: `${baseUrl}/api` }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        RunSpec: schema(RunSpecSchema, "input"),
        RunSpecRequest: runSpecRequest(),
        SavedMappingRunRequest: schema(SavedMappingRunBody, "input"),
        PreparationRunRequest: schema(PreparationRunBody, "input"),
        ErrorEnvelope: envelope(schema(ErrorData, "output"), "error"),
      },
    },
  };
}

function operation(op: ApiOperation): Json {
  const parameters = [
    ...(op.params ? parametersOf(op.params, "path") : []),
    ...(op.query ? parametersOf(op.query, "query") : []),
    ...(op.headers ?? []).map((h) => ({
      name: h.name,
      in: "header",
      required: h.required,
      description: h.description,
      schema: { type: "string", maxLength: 200 },
    })),
  ];
  const error = (description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } },
  });
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: bodySchema(op.body) } },
          },
        }
      : {}),
    ...(op.upload ? { requestBody: uploadBody(op.upload) } : {}),
    responses: {
      [String(op.successStatus)]: {
        description: op.successText ?? SUCCESS_TEXT[op.successStatus],
        content: { "application/json": { schema: envelope(schema(op.response, "output"), "success") } },
      },
      ...Object.fromEntries(Object.entries(op.errors).map(([status, text]) => [status, error(text)])),
      ...(op.method !== "get"
        ? {
            403: error(
              op.errors[403]
                ? `${op.errors[403]}, or sent from a page of another site (Origin)`
                : "Sent from a page of another site (Origin)",
            ),
            415: error(
              op.upload
                ? "The body is not sent as Content-Type: multipart/form-data"
                : "The body is not sent as Content-Type: application/json",
            ),
          }
        : {}),
      401: error("No token, or a token that is not valid or was revoked"),
      500: error("Something went wrong on the server"),
    },
  };
}

const SUCCESS_TEXT: Readonly<Record<ApiOperation["successStatus"], string>> = {
  200: "OK",
  201: "Created",
  202: "Accepted: the runs are queued (200 when the Idempotency-Key repeats a request)",
};

/** A file in the multipart part `file`, with the text fields of `fields` beside it. */
function uploadBody(fields: z.ZodObject): Json {
  const text = schema(fields, "input");
  return {
    required: true,
    content: {
      "multipart/form-data": {
        schema: {
          ...text,
          properties: {
            file: {
              type: "string",
              contentMediaType: "application/octet-stream",
              description:
                "The file; its name's extension (.csv, .tsv, .txt, .parquet, .xlsx) says its format",
            },
            ...(text.properties as Json),
          },
          required: ["file", ...((text.required as string[] | undefined) ?? [])],
        },
      },
    },
  };
}

function bodySchema(body: NonNullable<ApiOperation["body"]>): Json {
  if (body !== "run-request") return schema(body, "input");
  return {
    oneOf: [
      { $ref: "#/components/schemas/RunSpecRequest" },
      { $ref: "#/components/schemas/SavedMappingRunRequest" },
      { $ref: "#/components/schemas/PreparationRunRequest" },
    ],
  };
}

function parametersOf(object: z.ZodObject, where: "path" | "query"): Json[] {
  return Object.entries(object.shape).map(([name, field]) => {
    const fieldSchema = schema(field as z.ZodType, "input");
    const { description, ...rest } = fieldSchema;
    return {
      name,
      in: where,
      required: where === "path" || !(field as z.ZodType).safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** The RunSpec plus `countries` and `tag`; `country` may then be left out. */
function runSpecRequest(): Json {
  const spec = schema(RunSpecSchema, "input");
  const extra = schema(StartFields, "input");
  return {
    ...spec,
    description: "A RunSpec; with `countries`, one run per country (then `country` may be left out).",
    properties: { ...(spec.properties as Json), ...(extra.properties as Json) },
    required: ((spec.required as string[]) ?? []).filter((name) => name !== "country"),
  };
}

function envelope(data: Json, status: "success" | "error"): Json {
  return {
    type: "object",
    required: ["status", "timestamp", "data", "message"],
    properties: {
      status: { const: status },
      timestamp: { type: "string", format: "date-time" },
      data,
      message: { type: ["string", "null"] },
    },
  };
}

function schema(zodSchema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(zodSchema, { io, unrepresentable: "any" }) as Json;
  return rest;
}
