targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; used to derive resource names.')
param environmentName string

@minLength(1)
@description('Region for all resources (must offer Flex Consumption).')
param location string

@description('Optional: object id of a developer to grant Cosmos DB data access for local debugging.')
param principalId string = ''

@description('Region of the dashboard\'s Static Web App (offered in fewer regions than Functions).')
param webLocation string = 'westeurope'

@secure()
@description('Admin key for POST /api/v1/workspaces (header X-Admin-Key): azd env set TIMETRACKER_ADMIN_KEY <value>.')
param adminKey string

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${resourceToken}'
    dataOwnerPrincipalId: identity.outputs.principalId
  }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: 'cosmos-${resourceToken}'
    location: location
    tags: tags
    dataContributorPrincipalIds: empty(principalId) ? [ identity.outputs.principalId ] : [ identity.outputs.principalId, principalId ]
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    adminKey: adminKey
    secretsUserPrincipalId: identity.outputs.principalId
  }
}

module api 'app/functions.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: 'func-api-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    adminKeySecretUri: keyVault.outputs.adminKeySecretUri
  }
}

module web 'app/web.bicep' = {
  name: 'web'
  scope: rg
  params: {
    name: 'stapp-${resourceToken}'
    location: webLocation
    tags: union(tags, { 'azd-service-name': 'web' })
    functionAppId: api.outputs.id
    functionAppLocation: location
  }
}

output AZURE_LOCATION string = location
output WEB_URL string = web.outputs.uri
output AZURE_RESOURCE_GROUP string = rg.name
output API_BASE_URL string = '${api.outputs.uri}/api'
output AZURE_FUNCTION_NAME string = api.outputs.name
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
