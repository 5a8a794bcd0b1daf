/**
 * The survey and round model: pure, used by the browser and the server alike. The one home of a
 * framework's nodes and pairs, a pair's key, judgements → matrices, settings → method options, node
 * statuses and the submission rule.
 */
export * from './nodes';
export * from './matrices';
export * from './method';
export * from './status';
export * from './spread';
