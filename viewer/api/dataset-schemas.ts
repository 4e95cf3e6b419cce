/**
 * The shapes of `/api/datasets` in zod, for the OpenAPI document (`api-operations.ts`). The routes
 * (`routes/datasets-api.ts`) read a multipart upload and a path parameter; these schemas say what they
 * answer (`dataset-view.ts` builds it from the stored record).
 */
import { z } from "zod";
import { DATASET_FORMATS } from "../../core/datasets/dataset.ts";
import { MAPPING_ROLES } from "../../core/mapping/mapping-suggestion.ts";
import { ActorSchema } from "./api-schemas.ts";

/** The text fields sent beside the multipart part `file`. */
export const DatasetUploadFields = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
    .optional()
    .describe(
      "The dataset's name (default: from the file's name, e.g. weekly-sales for Weekly Sales.csv); a name " +
        "already used adds the next version",
    ),
  sheet: z.string().max(200).optional().describe("XLSX only: the sheet to read (default the first)"),
});

export const DatasetRefParams = z.object({
  ref: z
    .string()
    .min(1)
    .max(80)
    .describe("The dataset's name (its latest version) or NAME@VERSION, e.g. weekly-sales@2"),
});

export const DatasetNameParams = z.object({
  name: z.string().min(1).max(64).describe("The dataset's name; every version is deleted"),
});

export const DatasetData = z.object({
  name: z.string(),
  version: z.number().int().describe("1 for the first upload under the name, then one more for each"),
  ref: z.string().describe("NAME@VERSION, as `data.dataset` of a RunSpec takes it"),
  fileName: z.string(),
  format: z.enum(DATASET_FORMATS),
  sheet: z.string().optional(),
  bytes: z.number().int(),
  contentHash: z.string().describe("SHA-256 of the uploaded file, hex"),
  key: z.string().describe("Artifact key of the Parquet snapshot"),
  columns: z.array(z.object({ name: z.string(), type: z.enum(["number", "date", "string", "boolean"]) })),
  rows: z.number().int(),
  dateColumn: z.string(),
  dateRange: z.object({ start: z.string(), end: z.string() }),
  notes: z.array(z.string()).describe("How the file was read (delimiter, decimal comma, date format)"),
  uploadedBy: ActorSchema,
  uploadedAt: z.string(),
});

export const DatasetListData = z.object({
  datasets: z.array(DatasetData).describe("The latest version of every dataset, by name"),
});

export const DatasetDetailData = DatasetData.extend({
  versions: z.array(
    z.object({
      version: z.number().int(),
      uploadedAt: z.string(),
      uploadedBy: ActorSchema,
      rows: z.number().int(),
    }),
  ),
  preview: z.object({
    columns: z.array(z.string()),
    rows: z.array(z.array(z.unknown())).describe("The first 20 rows, as cells in column order"),
    mapping: z
      .object({
        columns: z.array(
          z.object({
            column: z.string(),
            role: z.enum(MAPPING_ROLES),
            confidence: z.number(),
            reason: z.string(),
            pairedWith: z.string().optional(),
            depVarType: z.enum(["revenue", "conversion"]).optional(),
          }),
        ),
        spec: z.record(z.string(), z.unknown()).describe("The RunSpec fields the roles add up to"),
        country_column: z.string().optional(),
        notes: z.array(z.string()),
      })
      .describe("The auto-mapping of the columns, with a reason for each"),
  }),
});

export const DatasetDeletedData = z.object({
  name: z.string(),
  versions: z.number().int().describe("How many versions were deleted"),
});
