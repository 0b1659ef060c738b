export { EventClusterer, DEFAULT_CLUSTER_OPTIONS, resolveOptions, parseTime, stableId } from './event-clusterer.js';
export type { EventClustererConfig, EventView, StorylineView, ClustererSnapshot } from './event-clusterer.js';
export type { Assignment, ClusterDoc, EventClustererOptions, MergeRecord, StorylineOptions } from './cluster-types.js';
export { clusterStream, assignBatch, publicationOrder } from './cluster-stream.js';
export type { ClusterLine, ClusterStreamInput, ClusterStreamOptions, ClusterStreamResult } from './cluster-stream.js';
export { scoreClustering } from './cluster-metrics.js';
export type { ClusterScores } from './cluster-metrics.js';
export { summarizeEvent, compareCoverage } from './event-summary.js';
export type { EventSummary, SummaryArticle, CoverageComparison, CoverageStatement, OutletCoverage } from './event-summary.js';
