package io.tdnet.twin.aws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code AWS::DynamoDB::Table} of the template, resolved.
 *
 * @param logicalId  the template's logical id
 * @param name       TableName
 * @param arn        its ARN
 * @param properties the resolved Properties (KeySchema, AttributeDefinitions, GlobalSecondaryIndexes, TimeToLiveSpecification ...)
 */
public record TableDeclaration(String logicalId, String name, String arn, JsonNode properties) {}
