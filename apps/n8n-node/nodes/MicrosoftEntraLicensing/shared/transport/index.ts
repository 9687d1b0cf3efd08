import { createGraphClient, type GraphClient } from '@entra-licensing/graph-client';
import { createLicensingService, type LicensingService } from '@entra-licensing/licensing';
import { sleep } from 'n8n-workflow';

import { endpointsFor } from '../../../../shared/cloudEndpoints';
import {
	CREDENTIAL_TYPE,
	DELEGATED_CREDENTIAL_TYPE,
	type GraphCallContext,
	n8nFetch,
} from './n8nFetch';

export { CREDENTIAL_TYPE, DELEGATED_CREDENTIAL_TYPE, type GraphCallContext } from './n8nFetch';

/**
 * The Graph client and licensing service of a node run, for both nodes (the action node and the trigger): Kiota builds
 * and parses the requests, n8n sends them through the node's credential (n8nFetch.ts).
 */
export interface Licensing {
	client: GraphClient;
	service: LicensingService;
}

const perContext = new WeakMap<object, Promise<Licensing>>();

/** The node's "Authentication" parameter: app-only client credentials (default) or delegated OAuth2. */
function credentialTypeOf(context: GraphCallContext): string {
	let value: unknown;
	try {
		if ('getInputData' in context)
			value = context.getNodeParameter('authentication', 0, 'clientCredentials');
		else if ('getCurrentNodeParameter' in context)
			value = context.getCurrentNodeParameter('authentication');
		else value = context.getNodeParameter('authentication', 'clientCredentials');
	} catch {
		value = 'clientCredentials';
	}
	return value === 'oAuth2' ? DELEGATED_CREDENTIAL_TYPE : CREDENTIAL_TYPE;
}

async function create(context: GraphCallContext): Promise<Licensing> {
	const credentialType = credentialTypeOf(context);
	const credentials = await context.getCredentials(credentialType);
	const { graphBaseUrl } = endpointsFor(credentials);
	// Kiota builds and parses the requests; n8n sends them (token from the credential, renewal, proxy).
	const client = createGraphClient({
		credentials: 'none',
		baseUrl: graphBaseUrl,
		fetch: n8nFetch(context, credentialType),
	});
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
