import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { CLOUD_FIELDS, cloudMapJson } from '../shared/cloudEndpoints';

const LOGIN = cloudMapJson('loginBaseUrl');
const GRAPH = cloudMapJson('graphBaseUrl');
const DELEGATED_SCOPES = [
	'LicenseAssignment.ReadWrite.All',
	'User.Read.All',
	'GroupMember.Read.All',
];
const LOGIN_OF_CLOUD = `($self["cloud"] === "custom" ? $self["loginBaseUrl"] : ${LOGIN}[$self["cloud"]])`;
const GRAPH_OF_CLOUD = `($self["cloud"] === "custom" ? $self["graphBaseUrl"] : ${GRAPH}[$self["cloud"]])`;

/**
 * Delegated sign-in (OAuth2 authorization code) as an administrator: n8n runs the consent flow, stores the tokens
 * and refreshes them. The signed-in account needs a role that may assign licenses (License Administrator, User
 * Administrator, Groups Administrator or Directory Writers).
 */
export class MicrosoftEntraLicensingOAuth2Api implements ICredentialType {
	name = 'microsoftEntraLicensingOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Microsoft Entra Licensing OAuth2 API';

	icon: Icon = {
		light: 'file:../icons/entraLicensing.svg',
		dark: 'file:../icons/entraLicensing.dark.svg',
	};

	documentationUrl =
		'https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		...CLOUD_FIELDS,
		{
			displayName: 'Tenant',
			name: 'tenant',
			type: 'string',
			default: 'organizations',
			description:
				'Directory (tenant) ID or domain of the tenant; "organizations" lets any work account sign in (multi-tenant app registrations)',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${LOGIN_OF_CLOUD} + "/" + $self["tenant"] + "/oauth2/v2.0/authorize" }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${LOGIN_OF_CLOUD} + "/" + $self["tenant"] + "/oauth2/v2.0/token" }}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: `={{ "openid offline_access " + ${JSON.stringify(DELEGATED_SCOPES)}.map((s) => ${GRAPH_OF_CLOUD} + "/" + s).join(" ") }}`,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'response_mode=query',
		},
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		// n8n attaches OAuth2 tokens itself (no authenticate() of ours runs). Declaring its domain-restriction fields
		// as hidden ones pins the token: the HTTP Request node may use this credential only for the Graph host.
		{
			displayName: 'Allowed HTTP Request Domains',
			name: 'allowedHttpRequestDomains',
			type: 'hidden',
			default: 'domains',
		},
		{
			displayName: 'Allowed Domains',
			name: 'allowedDomains',
			type: 'hidden',
			default: `={{ ${GRAPH_OF_CLOUD}.replace(/^https?:\\/\\//, "").replace(/[:/].*$/, "") }}`,
		},
	];
}
