import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import { MicrosoftEntraLicensingV1 } from './v1/MicrosoftEntraLicensingV1.node';

export class MicrosoftEntraLicensing extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Microsoft Entra Licensing',
			name: 'microsoftEntraLicensing',
			icon: { light: 'file:../../icons/entraLicensing.svg', dark: 'file:../../icons/entraLicensing.dark.svg' },
			group: ['transform'],
			description: 'Assign, swap and remove Microsoft 365 licenses of Entra groups and users by product name',
			defaultVersion: 1,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new MicrosoftEntraLicensingV1(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
