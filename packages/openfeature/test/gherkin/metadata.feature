# Copied unchanged below this header from the OpenFeature specification:
# github.com/open-feature/spec, commit 6fd4d54a9a7aff4e080545e7ddc37c69367cc65e,
# specification/assets/gherkin/metadata.feature.
# Copyright The OpenFeature Authors. Licensed under the Apache License, Version 2.0
# (apache.org/licenses/LICENSE-2.0). See README.md beside this file.

@Metadata
Feature: Metadata

  Background:
    Given a stable provider

  Scenario: Returns metadata
    Given a Boolean-flag with key "metadata-flag" and a fallback value "true"
    When the flag was evaluated with details
    Then the resolved metadata should contain
      | key     | metadata_type | value |
      | string  | String        | 1.0.2 |
      | integer | Integer       | 2     |
      | float   | Float         | 0.1   |
      | boolean | Boolean       | true  |

  Scenario Outline: Returns no metadata
    Given a <flag_type>-flag with key "<key>" and a fallback value "<default_value>"
    When the flag was evaluated with details
    Then the resolved metadata is empty

    Examples: Flags
      | key          | flag_type | default_value |
      | boolean-flag | Boolean   | true          |
      | integer-flag | Integer   | 23            |
      | float-flag   | Float     | 2.3           |
      | string-flag  | String    | value         |
