/**
 * The provider test kit: abstract JUnit 5 suites a provider's tests extend in a few lines to
 * prove the provider keeps the SDK's contract.
 */
package io.datastores.tck;
