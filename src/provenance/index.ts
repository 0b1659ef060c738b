export * from './provenance-graph.js';
export { contentContainment, matchPassages, prepareSentences, DEFAULT_PASSAGE_OPTIONS } from './passage-matcher.js';
export type { Passage, PassageOptions, PreparedSentence } from './passage-matcher.js';
