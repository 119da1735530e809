import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';

/** Liveness and readiness for orchestrators (docs/api.md, Service endpoints); no auth. */
@ApiTags('Service')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

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
    try {
      await this.health.check([() => this.db.pingCheck('database', { timeout: 1500 })]);
    } catch {
      throw new ServiceUnavailableException('Database is not reachable');
    }
    return { status: 'ok' };
  }
}
