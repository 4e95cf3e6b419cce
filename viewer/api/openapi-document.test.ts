import { describe, expect, it } from "vitest";
import { API_OPERATIONS } from "./api-operations.ts";
import { openApiDocument } from "./openapi-document.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("the OpenAPI document", () => {
  const doc = openApiDocument("https://mmm.example", "1.0.0") as Json;

  it("is OpenAPI 3.1 with bearer security and the API's server", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "https://mmm.example/api" }]);
    expect(doc.components.securitySchemes.bearer).toEqual({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ bearer: [] }]);
  });

  it("describes exactly the operations the issue lists", () => {
    const operations = Object.entries(doc.paths as Json).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "POST /runs",
        "POST /robyn-models",
        "GET /runs",
        "GET /runs/{id}",
        "POST /runs/{id}/cancel",
        "POST /runs/{id}/refresh",
        "GET /runs/{id}/models",
        "GET /runs/{id}/models/{model}/response",
        "GET /runs/{id}/models/{model}/robyn-json",
        "POST /runs/{id}/models/{model}/response",
        "POST /runs/{id}/models/{model}/allocate",
        "POST /budget-split",
        "POST /runs/{id}/models/{model}/scenario",
        "GET /runs/{id}/models/{model}/scenarios",
        "PUT /runs/{id}/models/{model}/scenarios/{name}",
        "GET /runs/{id}/models/{model}/scenarios/{name}",
        "DELETE /runs/{id}/models/{model}/scenarios/{name}",
        "GET /countries/{cc}/best",
        "GET /metadata/{cc}",
        "GET /schedules",
        "DELETE /schedules/{id}",
        "GET /data/explore",
        "GET /data/profile",
        "POST /datasets",
        "GET /datasets",
        "GET /datasets/{ref}",
        "DELETE /datasets/{name}",
        "POST /preparations",
        "GET /preparations",
        "GET /preparations/{name}",
        "DELETE /preparations/{name}",
        "GET /lift-studies/{cc}",
        "POST /lift-studies/{cc}",
        "PUT /lift-studies/{cc}/{id}",
        "DELETE /lift-studies/{cc}/{id}",
        "POST /runs/{id}/models/{model}/twin",
        "GET /runs/{id}/models/{model}/twin",
      ].sort(),
    );
    expect(API_OPERATIONS).toHaveLength(37);
  });

  it("spells out a lift study's fields in the lift-study bodies", () => {
    const add = doc.paths["/lift-studies/{cc}"].post.requestBody.content["application/json"].schema;
    const [objects, csv] = add.anyOf;
    expect(objects.properties.studies.items.required).toEqual(
      expect.arrayContaining(["channel", "liftStartDate", "liftEndDate", "liftAbs", "spend"]),
    );
    expect(csv.required).toEqual(["csv"]);
    const save = doc.paths["/lift-studies/{cc}/{id}"].put;
    expect(save.parameters.map((p: Json) => p.name)).toEqual(["cc", "id"]);
    expect(
      save.requestBody.content["application/json"].schema.properties.study.properties.confidence.default,
    ).toBe(0.9);
  });

  it("generates parameters and bodies from the zod schemas", () => {
    const list = doc.paths["/runs"].get;
    const limit = list.parameters.find((p: Json) => p.name === "limit");
    expect(limit).toMatchObject({
      in: "query",
      required: false,
      schema: { type: "integer", minimum: 1, maximum: 200, default: 50 },
    });
    expect(list.parameters.find((p: Json) => p.name === "status").schema.pattern).toContain("succeeded");
    const get = doc.paths["/runs/{id}"].get;
    expect(get.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    const start = doc.paths["/runs"].post;
    expect(start.parameters).toEqual([expect.objectContaining({ name: "Idempotency-Key", in: "header" })]);
    expect(start.requestBody.content["application/json"].schema.oneOf).toHaveLength(3);
    const fromPreparation = doc.components.schemas.PreparationRunRequest;
    expect(fromPreparation.properties.data.required).toEqual(["preparation"]);
    const spec = doc.components.schemas.RunSpecRequest;
    expect(spec.properties.paid_media_spends.type).toBe("array");
    expect(spec.properties.countries.items.pattern).toBe("^[A-Za-z]{2}$");
    expect(spec.required).toContain("dep_var");
    expect(spec.required).not.toContain("country");
    const response = doc.paths["/runs/{id}/models/{model}/response"];
    expect(response.get.parameters.map((p: Json) => `${p.in} ${p.name} ${p.required}`)).toEqual([
      "path id true",
      "path model true",
      "query metric_name true",
      "query metric_value false",
      "query date_range false",
    ]);
    const body = response.post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(["metric_name"]);
    expect(body.additionalProperties).toBe(false);
    expect(doc.components.schemas.SavedMappingRunRequest.properties.mapping).toEqual({
      type: "string",
      const: "saved",
    });
  });

  it("describes the dataset upload as a multipart file with its fields", () => {
    const upload = doc.paths["/datasets"].post;
    expect(upload.requestBody.content["application/json"]).toBeUndefined();
    const form = upload.requestBody.content["multipart/form-data"].schema;
    expect(form.required).toEqual(["file"]);
    expect(form.properties.file).toMatchObject({
      type: "string",
      contentMediaType: "application/octet-stream",
    });
    expect(form.properties.name.pattern).toBe("^[a-z0-9][a-z0-9_-]{0,63}$");
    expect(form.properties.sheet.type).toBe("string");
    expect(upload.responses["201"].description).toBe("Created");
    expect(upload.responses["415"].description).toContain("multipart/form-data");
    const shown = doc.paths["/datasets/{ref}"].get;
    expect(shown.parameters).toEqual([expect.objectContaining({ name: "ref", in: "path", required: true })]);
    const data = shown.responses["200"].content["application/json"].schema.properties.data;
    expect(data.properties.preview.properties.mapping.properties.columns.items.required).toContain("reason");
    const remove = doc.paths["/datasets/{name}"].delete;
    expect(remove.responses["403"].description).toMatch(/^Not an admin, or sent from a page of another site/);
    expect(remove.responses["409"]).toBeDefined();
  });

  it("wraps every answer in the envelope and documents the errors", () => {
    for (const op of API_OPERATIONS) {
      const responses = doc.paths[op.path][op.method].responses;
      const success = responses[String(op.successStatus)].content["application/json"].schema;
      expect(success.required).toEqual(["status", "timestamp", "data", "message"]);
      expect(success.properties.status).toEqual({ const: "success" });
      expect(responses["401"].content["application/json"].schema.$ref).toBe(
        "#/components/schemas/ErrorEnvelope",
      );
    }
    expect(doc.paths["/runs/{id}"].get.responses["404"]).toBeDefined();
    expect(doc.paths["/runs"].post.responses["422"].description).toContain("data.field");
    const error = doc.components.schemas.ErrorEnvelope.properties.data;
    expect(error.properties.field.type).toEqual(["string", "null"]);
  });

  it("is plain JSON with no zod dialect markers left inside", () => {
    const text = JSON.stringify(doc);
    expect(text).not.toContain("$schema");
    expect(JSON.parse(text)).toEqual(doc);
  });
});
