import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * A Kysely plugin that remembers every query it sees, for the query-count test and the query
 * plans in bench/plans: `db.withPlugin(recorder)` gives a db that records.
 */
export class QueryRecorder implements KyselyPlugin {
  readonly nodes: RootOperationNode[] = [];

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }

  get count(): number {
    return this.nodes.length;
  }

  reset(): void {
    this.nodes.length = 0;
  }
}
