/** AP-style and postal abbreviations of US states, as news datelines write them ("Alexandria, La."). */
export const US_STATE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  'Ala.': 'AL', 'Ariz.': 'AZ', 'Ark.': 'AR', 'Calif.': 'CA', 'Cal.': 'CA', 'Colo.': 'CO', 'Conn.': 'CT', 'Del.': 'DE',
  'Fla.': 'FL', 'Ga.': 'GA', 'Ill.': 'IL', 'Ind.': 'IN', 'Kan.': 'KS', 'Kans.': 'KS', 'Ky.': 'KY', 'La.': 'LA',
  'Md.': 'MD', 'Mass.': 'MA', 'Mich.': 'MI', 'Minn.': 'MN', 'Miss.': 'MS', 'Mo.': 'MO', 'Mont.': 'MT', 'Neb.': 'NE',
  'Nebr.': 'NE', 'Nev.': 'NV', 'N.H.': 'NH', 'N.J.': 'NJ', 'N.M.': 'NM', 'N.Y.': 'NY', 'N.C.': 'NC', 'N.D.': 'ND',
  'Okla.': 'OK', 'Ore.': 'OR', 'Pa.': 'PA', 'Penn.': 'PA', 'R.I.': 'RI', 'S.C.': 'SC', 'S.D.': 'SD', 'Tenn.': 'TN',
  'Tex.': 'TX', 'Vt.': 'VT', 'Va.': 'VA', 'Wash.': 'WA', 'W.Va.': 'WV', 'W. Va.': 'WV', 'Wis.': 'WI', 'Wisc.': 'WI',
  'Wyo.': 'WY', 'D.C.': 'DC',
};
