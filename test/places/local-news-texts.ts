/**
 * Short local-news texts of our own with names several US states share ("Athens", "Albany", "Springfield") and a
 * dateline, so that an outlet's place profile changes how they read. Shared by the place-evidence tests.
 */
export const SHARED_NAME_TEXTS: readonly string[] = [
  'DECATUR (AP) -- The Decatur city commission voted on Monday to repave the square. Residents of Athens and Marietta, Ga., asked for buses.',
  'Police in Springfield said the fire spread to Columbus Avenue. Crews from Dublin, Xenia and Athens helped before it reached Lancaster.',
  'The school board in Albany approved a budget. Parents from Rome, Macon and Augusta asked for more buses; Paris and Lebanon were next.',
  'Farmers near Valdosta and Tifton expect a smaller harvest, the extension office in Albany said. Cairo and Vienna growers agreed.',
  'Springfield, Ill. -- Lawmakers met in Springfield and Peoria on Tuesday; the mayor of Decatur and officials from Normal, Bloomington attended.',
];
