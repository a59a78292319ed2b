package io.datastores.benchmarks.providers;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3Proxy on loopback storing objects in a folder, for {@code run-s3.sh}: the S3 server the S3
 * benchmark writes to, in a JVM of its own so it does not share the benchmark's heap.
 */
public final class S3Server {
    private S3Server() {}

    /**
     * @param args the port and the folder that holds the objects
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(args[1]));
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(args[1]))
                .endpoint(URI.create("http://127.0.0.1:" + args[0]))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, BenchmarkS3.ACCESS_KEY, BenchmarkS3.SECRET_KEY)
                .build();
        proxy.start();
        System.err.println("S3Proxy listening on 127.0.0.1:" + args[0] + ", objects in " + args[1]);
        Thread.currentThread().join();
    }
}
