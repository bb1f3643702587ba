import {
  CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command,
  PutObjectCommand, S3Client, S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertSafeKey, type ColdStore } from './cold-store.js';

export interface S3ColdStoreOptions {
  /** e.g. http://127.0.0.1:9000 for MinIO; unset for AWS. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** Path-style URLs (bucket in the path): what MinIO and Ceph expect. */
  forcePathStyle: boolean;
}

/** Cold storage on any S3-compatible service through the AWS SDK. */
export class S3ColdStore implements ColdStore {
  private readonly s3: S3Client;

  constructor(private readonly opts: S3ColdStoreOptions) {
    this.s3 = new S3Client({
      endpoint: opts.endpoint,
      region: opts.region,
      forcePathStyle: opts.forcePathStyle,
      credentials: opts.accessKeyId && opts.secretAccessKey
        ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } : undefined,
    });
  }

  /** Creates the bucket if it does not exist (run once at start). */
  async ensureBucket(): Promise<void> {
    try {
      await this.s3.send(new HeadBucketCommand({ Bucket: this.opts.bucket }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.s3.send(new CreateBucketCommand({ Bucket: this.opts.bucket }));
    }
  }

  async put(key: string, body: Buffer): Promise<void> {
    assertSafeKey(key);
    await this.s3.send(new PutObjectCommand({
      Bucket: this.opts.bucket, Key: key, Body: body, ContentType: 'application/gzip', ContentLength: body.length,
    }));
  }

  async get(key: string): Promise<Buffer | undefined> {
    assertSafeKey(key);
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: key }));
      return Buffer.from(await res.Body!.transformToByteArray());
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async getRange(key: string, start: number, end: number): Promise<Buffer> {
    assertSafeKey(key);
    const res = await this.s3.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: key, Range: `bytes=${start}-${end - 1}` }));
    const buf = Buffer.from(await res.Body!.transformToByteArray());
    if (buf.length !== end - start) throw new Error(`cold object ${key}: asked for ${end - start} bytes, got ${buf.length}`);
    return buf;
  }

  async size(key: string): Promise<number | undefined> {
    assertSafeKey(key);
    try {
      const res = await this.s3.send(new HeadObjectCommand({ Bucket: this.opts.bucket, Key: key }));
      return res.ContentLength;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: key }));
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const res = await this.s3.send(new ListObjectsV2Command({ Bucket: this.opts.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of res.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  describe(): string {
    return `S3 bucket ${this.opts.bucket}${this.opts.endpoint ? ` at ${this.opts.endpoint}` : ''}`;
  }

  close(): void {
    this.s3.destroy();
  }
}

function isNotFound(err: unknown): boolean {
  if (err instanceof S3ServiceException) return err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchKey' || err.name === 'NotFound' || err.name === 'NoSuchBucket';
  return false;
}
