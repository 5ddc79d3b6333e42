/** The part of a configured source a connector is built from; `connection` holds the settings of its kind. */
export interface ConnectorSource<Connection = unknown> {
  /** Source name from the sources file. */
  readonly name: string;
  /** The `kind:` the source was configured with (`postgres`, `aurora-mysql`, …). */
  readonly kind: string;
  /** Connection settings, as the kind's connection schema describes them. */
  readonly connection: Connection;
}
