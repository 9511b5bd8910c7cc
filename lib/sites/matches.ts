/**
 * Match patterns for the content script. Declaring the sites here (not as host_permissions) is
 * enough: BiasLens never fetches anything from them.
 */
export const CONTENT_MATCHES = ['https://arxiv.org/*', 'https://huggingface.co/papers*'];
