/** The MongoDB provider: collections as tables, documents as rows, through the official mongodb-driver-sync. */
package io.datastores.mongodb;
