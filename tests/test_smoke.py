def test_healthz_reports_database_and_broker(client):
    """Does /healthz answer 200 with the database and broker states?"""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "broker": "ok"}
