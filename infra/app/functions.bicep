@description('The Flex Consumption function app (.NET 10 isolated) running TimeTracker on Cosmos DB.')
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param storageBlobEndpoint string
param deploymentContainerName string
param applicationInsightsConnectionString string
param cosmosEndpoint string
param cosmosDatabaseName string
@description('Key Vault secret holding the admin key; the app setting is a Key Vault reference to it.')
param adminKeySecretUri string
@description('Cron schedules (six fields, UTC) of the timer functions; the defaults are the jobs\' own.')
param rollupSchedule string = '0 30 0 * * *'
param autoClockOutSchedule string = '0 0 * * * *'
param purgeActivitySchedule string = '0 15 1 * * *'
param maximumInstanceCount int = 100
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity (the default would be a system identity).
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Identity-based settings only: no keys or connection strings to storage or Cosmos DB; the admin key is a Key Vault
  // reference. Every %Setting% a function binds must be here, or the host refuses to index that function.
  resource settings 'config' = {
    name: 'appsettings'
    properties: {
      AzureWebJobsStorage__accountName: storageAccountName
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AZURE_CLIENT_ID: identityClientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      Storage__Provider: 'Cosmos'
      Cosmos__Endpoint: cosmosEndpoint
      Cosmos__Database: cosmosDatabaseName
      Cosmos__CreateIfNotExists: 'false'
      TimeTracker__AdminKey: '@Microsoft.KeyVault(SecretUri=${adminKeySecretUri})'
      Schedules__Rollup: rollupSchedule
      Schedules__AutoClockOut: autoClockOutSchedule
      Schedules__PurgeActivity: purgeActivitySchedule
    }
  }
}

output id string = app.id
output name string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
