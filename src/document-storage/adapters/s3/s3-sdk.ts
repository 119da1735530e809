import type * as ClientS3 from '@aws-sdk/client-s3';
import type * as LibStorage from '@aws-sdk/lib-storage';

/** The parts of the AWS SDK the S3 object store uses. */
export type S3Sdk = Pick<
  typeof ClientS3,
  | 'CopyObjectCommand'
  | 'DeleteObjectCommand'
  | 'HeadObjectCommand'
  | 'ListObjectsV2Command'
  | 'PutObjectCommand'
  | 'S3Client'
> &
  Pick<typeof LibStorage, 'Upload'>;

/**
 * Loads the AWS SDK when a bucket is configured, and only then. A static import would do the
 * same in the module build (the S3 adapter is itself imported on demand), but the bundled service
 * (scripts/bundle.mjs) hoists a bundled module's imports of external packages to its top: the
 * SDK would be loaded at every start, bucket or not (about 0.2 s on Node 20).
 */
export async function loadS3Sdk(): Promise<S3Sdk> {
  const [client, storage] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/lib-storage'),
  ]);
  return {
    CopyObjectCommand: client.CopyObjectCommand,
    DeleteObjectCommand: client.DeleteObjectCommand,
    HeadObjectCommand: client.HeadObjectCommand,
    ListObjectsV2Command: client.ListObjectsV2Command,
    PutObjectCommand: client.PutObjectCommand,
    S3Client: client.S3Client,
    Upload: storage.Upload,
  };
}
