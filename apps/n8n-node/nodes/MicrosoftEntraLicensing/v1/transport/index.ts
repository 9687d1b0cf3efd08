import { createGraphClient, type GraphClient } from '@entra-licensing/graph-client';
import { createLicensingService, type LicensingService } from '@entra-licensing/licensing';
import { sleep } from 'n8n-workflow';

import { endpointsFor } from '../../../../shared/cloudEndpoints';
import { CREDENTIAL_TYPE, type GraphCallContext, n8nFetch } from './n8nFetch';

export { CREDENTIAL_TYPE, type GraphCallContext } from './n8nFetch';

export interface Licensing {
	client: GraphClient;
	service: LicensingService;
}

const perContext = new WeakMap<object, Promise<Licensing>>();

async function create(context: GraphCallContext): Promise<Licensing> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const { graphBaseUrl } = endpointsFor(credentials);
	// Kiota builds and parses the requests; n8n sends them (token from the credential, renewal, proxy).
	const client = createGraphClient({ credentials: 'none', baseUrl: graphBaseUrl, fetch: n8nFetch(context) });
	return { client, service: createLicensingService({ client, sleep }) };
}

/** The Graph client and licensing service of this node run (created once per execution context). */
export async function licensingFor(context: GraphCallContext): Promise<Licensing> {
	let licensing = perContext.get(context);
	if (!licensing) {
		licensing = create(context);
		perContext.set(context, licensing);
	}
	return await licensing;
}
