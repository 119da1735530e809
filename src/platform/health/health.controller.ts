import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';

/** How long readiness waits for the database's answer. */
const PING_TIMEOUT_MS = 1500;

/** Liveness and readiness for orchestrators (docs/api.md, Service endpoints); no auth. */
@ApiTags('Service')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process runs' })
  @ApiResponse({
    status: 200,
    description: 'The process runs',
    content: { 'application/json': { example: { data: { status: 'ok' } } } },
  })
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 when the database answers, 503 otherwise' })
  @ApiResponse({
    status: 200,
    description: 'The database answers',
    content: { 'application/json': { example: { data: { status: 'ok' } } } },
  })
  @ApiResponse({ status: 503, description: 'The database does not answer' })
  async ready(): Promise<{ status: string }> {
    if (!(await this.databaseAnswers())) {
      throw new ServiceUnavailableException('Database is not reachable');
    }
    return { status: 'ok' };
  }

  /** `SELECT 1` through the pool, within PING_TIMEOUT_MS; a late answer counts as none. */
  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      timer.unref();
    });
    const ping = this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
