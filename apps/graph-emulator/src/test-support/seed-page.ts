/** The two examples of Microsoft's "group: assignLicense" page (beta), verbatim. */
export const SEED_PAGE_GROUP_ID = '1132b215-826f-42a9-8cfe-1643d19d17fd';

export const EXAMPLE_1_REQUEST = `{
  "addLicenses": [
    {
      "disabledPlans": [
        "113feb6c-3fe4-4440-bddc-54d774bf0318",
        "14ab5db5-e6c4-4b20-b4bc-13e36fd2227f"
      ],
      "skuId": "b05e124f-c7cc-45a0-a6aa-8cf78c946968"
    },
    {
      "disabledPlans": [
        "a413a9ff-720c-4822-98ef-2f37c2a21f4c"
      ],
      "skuId": "c7df2760-2c81-4ef7-b578-5b5392b571df"
    }
  ],
  "removeLicenses": []
}`;

export const EXAMPLE_2_REQUEST = `{
  "addLicenses": [],
  "removeLicenses": [
    "c7df2760-2c81-4ef7-b578-5b5392b571df",
    "b05e124f-c7cc-45a0-a6aa-8cf78c946968"
  ]
}`;

/**
 * Both examples answer the same. The page shows four properties followed by "…": Graph answers the group's default
 * properties (issue #10), of which these are the values the page shows.
 */
export const EXAMPLE_RESPONSE_BODY = `{
  "id": "1132b215-826f-42a9-8cfe-1643d19d17fd",
  "createdDateTime": "2021-03-12T11:15:03Z",
  "groupTypes": [],
  "securityEnabled": true
}`;

export const EXAMPLE_RESPONSE_LOCATION =
  'https://graph.microsoft.com/v2/e8e96c2a-d787-4eb1-98d7-9e57c965f1de/directoryObjects/1132b215-826f-42a9-8cfe-1643d19d17fd/Microsoft.DirectoryServices.Group';
