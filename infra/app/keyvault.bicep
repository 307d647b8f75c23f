@description('Key Vault holding the admin key (X-Admin-Key), read by the function app through a Key Vault reference.')
param name string
param location string
param tags object
@secure()
@description('The admin key that enables POST /api/v1/workspaces; never stored in app settings.')
param adminKey string
param secretsUserPrincipalId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }

  resource adminKeySecret 'secrets' = {
    name: 'timetracker-admin-key'
    properties: {
      value: adminKey
      contentType: 'text/plain'
    }
  }
}

// Key Vault Secrets User: the app's identity resolves the reference; nobody else reads the secret through the app.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, secretsUserPrincipalId, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: secretsUserPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
output adminKeySecretUri string = vault::adminKeySecret.properties.secretUri
