/**
 * Credentials for the BigQuery client in tests: a client that puts a fixed bearer token on every request
 * (the loopback fake checks it), so that no test looks for application default credentials or reaches
 * Google's token endpoint.
 */
import type { BigQueryWarehouseOptions } from "../../core/warehouse/bigquery/bigquery.ts";

export function bigQueryTestAuth(token: string): NonNullable<BigQueryWarehouseOptions["authClient"]> {
  const client = {
    getRequestHeaders: async () => new Headers({ authorization: `Bearer ${token}` }),
    getProjectId: async () => undefined,
  };
  return client as unknown as NonNullable<BigQueryWarehouseOptions["authClient"]>;
}
