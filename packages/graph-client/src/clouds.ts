/** National clouds: Graph origin and login authority (Microsoft Graph "national cloud deployments"). */
export const GRAPH_CLOUDS = {
  global: { graph: 'https://graph.microsoft.com', login: 'https://login.microsoftonline.com' },
  usGovL4: { graph: 'https://graph.microsoft.us', login: 'https://login.microsoftonline.us' },
  usGovL5DoD: { graph: 'https://dod-graph.microsoft.us', login: 'https://login.microsoftonline.us' },
  china: {
    graph: 'https://microsoftgraph.chinacloudapi.cn',
    login: 'https://login.partner.microsoftonline.cn',
  },
} as const;

export type GraphCloud = keyof typeof GRAPH_CLOUDS;

export const GRAPH_API_VERSIONS = ['v1.0', 'beta'] as const;
export type GraphApiVersion = (typeof GRAPH_API_VERSIONS)[number];
