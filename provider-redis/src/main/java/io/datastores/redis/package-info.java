/** The Redis provider: key prefixes as tables, hashes as rows, through Jedis. */
package io.datastores.redis;
