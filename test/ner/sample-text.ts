/**
 * A fixed news-style sample for pinning the NER tagger's output: headlines in
 * Title Case and in capitals, datelines, titles before names, possessives,
 * hyphenated names, abbreviations and organisations. Written for these tests.
 */
export const NER_SAMPLE = [
  'Finnish Court Halts Kaarreoja Mine After Herders Appeal to Helsinki',
  'ROVANIEMI, March 2 (Nordwire) - The Supreme Administrative Court of Finland suspended the permit of Boreal Metals Oy on Monday, siding with Sami reindeer herders.',
  "Anna-Liisa Korhonen, a lawyer for the herders' cooperative, said the ruling was \"a turning point\" for Lapland.",
  'Boreal Metals chief executive Jukka Lehtinen told Reuters the company would study the decision before deciding whether to appeal.',
  'EU OFFICIALS SAY SPAIN AND PORTUGAL NEAR DEAL ON TAGUS FLOWS',
  "Portugal's environment minister, Duarte Cordeiro, met his Spanish counterpart Teresa Ribera in Madrid on Tuesday.",
  'The European Commission, the U.S. State Department and the World Bank have all followed the Tagus-Segura transfer dispute since 2019.',
  'Mr. Ribera later flew to Brussels, where NATO and the European Investment Bank (EIB) were meeting.',
  "Velora Airlines' chief pilot, Capt. Maria João Santos, said the airline's Lisbon hub would reopen in June.",
  'Farmers from the Ribatejo region protested outside the Assembly of the Republic, holding banners in Portuguese and English.',
  'Yerevan and Baku traded accusations over Nagorno-Karabakh as Russian Foreign Ministry spokeswoman Maria Zakharova urged restraint.',
  'The Chicago Bulls beat the New York Knicks 102-98 at Madison Square Garden on Sunday night.',
].join('\n');
